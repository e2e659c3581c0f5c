import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin', description: 'Staff login, or a courier\'s mobile number' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  login: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

class TokenUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['staff', 'courier'] }) type: string;
  @ApiProperty({ type: [String], example: ['admin'] }) roles: string[];
  @ApiProperty() name: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Short-lived JWT for the Authorization header' }) accessToken: string;
  @ApiProperty({ description: 'Opaque; single use: each refresh returns a new one' }) refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ example: 900, description: 'Seconds the access token lives' }) expiresIn: number;
  @ApiProperty({ type: TokenUserDto }) user: TokenUserDto;
}
