import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SubjectType = 'staff' | 'courier';

@Entity('refresh_token')
export class RefreshToken {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') familyId: string;
  @Column('text') subjectType: SubjectType;
  @Column('uuid') subjectId: string;
  @Column('text') tokenHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz') createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokedReason: string | null;
  @Column({ type: 'uuid', nullable: true }) replacedBy: string | null;
}
