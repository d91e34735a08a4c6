// What the custom connector module (and the key results feature) need from the runtime: the
// server performs the saved request with its stored credentials and reads the field directory.

export interface CustomConnectorValue {
  /** The value at the connector's field directory (the whole body when it has none). */
  value: unknown;
  /** The parsed response body (secrets the request carried are masked). */
  raw: unknown;
  /** The HTTP status of the response. */
  status: number;
  /** The field directory that was read ('' = the whole body), for messages. */
  fieldPath?: string;
}

export interface CustomConnectorService {
  /**
   * Performs connector `connectorId`'s request now. Throws a user ModuleError when the
   * integration is disabled, the connector is unknown, the response is not 2xx or the
   * field directory is missing from it; a transient one when the service is unreachable.
   */
  fetch(connectorId: number | string): Promise<CustomConnectorValue>;
}

declare module '@integrator/sdk' {
  interface Services {
    customConnectors: CustomConnectorService;
  }
}
