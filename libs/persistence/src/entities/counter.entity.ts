import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The value of an increment function that never resets, per scenario and module. */
@Entity('scenario_counters')
export class ScenarioCounterEntity {
  @PrimaryColumn({ type: 'integer' })
  scenarioId: number;

  @PrimaryColumn({ type: 'integer' })
  moduleId: number;

  @Column({ type: 'bigint', default: 0 })
  value: number;
}
