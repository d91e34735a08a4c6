import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a polling trigger stopped (its last id or time), per scenario and module, as JSON text. */
@Entity('scenario_trigger_states')
export class ScenarioTriggerStateEntity {
  @PrimaryColumn({ type: 'integer' })
  scenarioId: number;

  @PrimaryColumn({ type: 'integer' })
  moduleId: number;

  @Column({ type: 'text' })
  state: string;
}
