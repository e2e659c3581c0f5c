import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('timestamptz') at: Date;
  @Column('text') actorType: string;
  @Column('text') actorId: string;
  @Column('text') action: string;
  @Column({ type: 'text', nullable: true }) targetType: string | null;
  @Column({ type: 'text', nullable: true }) targetId: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column('jsonb') details: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) requestId: string | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
}
