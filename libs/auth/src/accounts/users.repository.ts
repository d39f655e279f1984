import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UserEntity } from './user.entity';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Served by uq_users_email (emails are stored normalized). */
  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: normalizeEmail(email) } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.users.count({ where: { email: normalizeEmail(email) } })) > 0;
  }

  save(user: UserEntity, manager?: EntityManager): Promise<UserEntity> {
    return (manager ?? this.users.manager).save(UserEntity, user);
  }

  async delete(id: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.users.manager).delete(UserEntity, { id });
  }
}
