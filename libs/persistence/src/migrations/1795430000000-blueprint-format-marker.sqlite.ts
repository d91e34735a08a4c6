import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlitePlaceholder, removeMarker, rewriteBlueprints, stampMarker } from './format-marker';

// Data only: every stored blueprint is ours, so it gets our format marker; without it, it would
// be read as a Make export (issue 11: the format is never guessed from the content).
export class BlueprintFormatMarkerSqlite1795430000000 implements MigrationInterface {
  name = 'BlueprintFormatMarkerSqlite1795430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rewriteBlueprints(queryRunner, sqlitePlaceholder, stampMarker);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rewriteBlueprints(queryRunner, sqlitePlaceholder, removeMarker);
  }
}
