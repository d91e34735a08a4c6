import { Column, Entity, Index, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';

/** Organisation roles: 'superuser' is the Owner, 'admin' an Admin (all teams), 'user' a Member (their teams only). */
export type Role = 'superuser' | 'admin' | 'user';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name: string;

  @Column({ type: 'varchar', length: 300 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20, default: 'user' })
  role: Role;

  @Column({ type: 'varchar', length: 64, nullable: true })
  timezone: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column(timestampColumn)
  createdAt: number;

  @Column(nullableTimestampColumn)
  lastLoginAt: number | null;

  @ManyToMany(() => UserGroupEntity, (group) => group.users)
  groups: UserGroupEntity[];
}

@Entity('user_groups')
export class UserGroupEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column(timestampColumn)
  createdAt: number;

  @ManyToMany(() => UserEntity, (user) => user.groups)
  @JoinTable({
    name: 'user_group_members',
    joinColumn: { name: 'groupId' },
    inverseJoinColumn: { name: 'userId' },
  })
  users: UserEntity[];
}

/** A login session; only the SHA-256 of the bearer token is stored. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  expiresAt: number;
}
