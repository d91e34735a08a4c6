/** Examples of the main request bodies (Redocly's lint checks each against its schema). */
export const REQUEST_EXAMPLES: Record<string, unknown> = {
  LoginDto: { email: 'admin@example.com', password: 'correct horse battery staple' },
  CreateScenarioDto: {
    name: 'Greeter',
    folder: 'Examples',
    blueprint: {
      name: 'Greeter',
      flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'greeting', value: 'Hello' } }],
      metadata: { integrator: { format: 1 }, scenario: { roundtrips: 1 } },
    },
  },
  CreateConnectionDto: { name: 'CRM token', type: 'bearer', credentials: { token: 's3cr3t' } },
  CreateObjectiveDto: { name: 'Grow revenue', periodStart: '2026-01-01', periodEnd: '2026-03-31' },
  CreateKeyResultDto: {
    objectiveId: 1,
    name: 'Monthly recurring revenue',
    type: 'increase',
    startValue: 10000,
    targetValue: 15000,
    unit: 'EUR',
  },
};
