import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';
import { teamIdColumn } from './team.entity';

/**
 * A saved request whose response feeds a value (the Profit.co custom connector): URL, query
 * params, headers, an authorization type and the field directory read from the response.
 */
@Entity('custom_connectors')
export class CustomConnectorEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Who created it; with super users, the only one who may change or delete it. */
  @Column({ type: 'integer', nullable: true })
  ownerId: number | null;

  @Column({ type: 'varchar', length: 10, default: 'GET' })
  method: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'simple-json' })
  params: Record<string, string>;

  @Column({ type: 'simple-json' })
  headers: Record<string, string>;

  /** Raw request body (POST/PUT/PATCH); null for none. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** none, apiKey, bearer, basic or oauth2ClientCredentials. */
  @Column({ type: 'varchar', length: 40, default: 'none' })
  authType: string;

  /** Non-secret auth fields (key name and placement, user name, token URL, client id…). */
  @Column({ type: 'simple-json' })
  authValues: Record<string, unknown>;

  /** Encrypted JSON of the secret auth fields and a fetched OAuth2 access token. */
  @Column({ type: 'text' })
  authSecrets: string;

  /** Expiry of the stored OAuth2 access token. */
  @Column(nullableTimestampColumn)
  tokenExpiresAt: number | null;

  /** The field directory: a path into the response such as data.metrics[0].value ('' = the whole body). */
  @Column({ type: 'varchar', length: 500, default: '' })
  fieldPath: string;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}
