import type { Logger } from '@integrator/sdk';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
