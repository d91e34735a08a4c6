import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailHooksPostgres1796412332792 implements MigrationInterface {
  name = 'MailHooksPostgres1796412332792';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "webhooks" ADD "kind" character varying(8) NOT NULL DEFAULT \'web\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "kind"');
  }
}
