// What the reference leaves open (UNKNOWN or disputed) — each is a switch, so the modules can be
// tested against every possibility. The defaults are the reference's preferred reading.

export interface FakeVariants {
  /** POST /v2/subscriptions/ success code (§8: FC stub 201; scripts accept 200 or 201). */
  createSubscriptionStatus: 200 | 201;
  /** Churn answer (§4.3, §8): the churned record with 200, or no body with 204 or 200. */
  churnResponse: 'record' | 'empty-204' | 'empty-200';
  /** Un-churn answer (§4.4): no body with 204 (FC stub), the record, or an empty object. */
  unchurnResponse: 'empty-204' | 'record' | 'empty-object';
  /** PUT /v2/users/{x}/ answer (§5): `{}` with 200 (FC stub) or no body with 204. */
  updateUserResponse: 'empty-object' | 'empty-204';
  /** DELETE /v2/users/{x}/ answer (§5): no body with 204 (FC stub) or 200 + `{"detail"}` (v1 style). */
  deleteUserResponse: 'empty-204' | 'detail';
  /** POST /v2/plans/ success code (§7.6). */
  createPlanStatus: 200 | 201;
  /** GET /v2/api-status/ body (§7.7: unknown). */
  apiStatusBody: 'json' | 'empty' | 'text';
  /** HTTP status of `non_field_errors` business-rule failures (§8: 400 is the DRF default). */
  businessErrorStatus: number;
  /** Bodies of 401/404/429 (§8: `{"detail"}` assumed, could be empty). */
  errorBodies: 'detail' | 'empty';
  /** Whether a 429 carries Retry-After (§8: unknown, DRF sends it). */
  retryAfter: boolean;
  /** How a record shows an alias that was never given (§4.5: unknown). */
  absentAlias: 'null' | 'omit';
  /** Paths without the trailing slash (§1, §12.3): rejected, redirected or served. */
  slashless: 'not-found' | 'redirect' | 'serve';
  /** Whether "Month" passes for "month" (§4.1: unknown). */
  caseInsensitiveEnums: boolean;
  /** Whether `status: "trialing"` is accepted on update (§12.9: FC yes, docs no). */
  trialingOnUpdate: boolean;
  /** Churn without churn_type (§4.3: server default unknown): default to voluntary, or reject. */
  churnTypeOmitted: 'voluntary' | 'required';
  /** A customers page past the end of the data (§6: inferred): an empty list or 404 "Invalid page.". */
  customersPastEnd: 'empty' | 'not-found';
}

export const defaultVariants: FakeVariants = {
  createSubscriptionStatus: 201,
  churnResponse: 'record',
  unchurnResponse: 'empty-204',
  updateUserResponse: 'empty-object',
  deleteUserResponse: 'empty-204',
  createPlanStatus: 201,
  apiStatusBody: 'json',
  businessErrorStatus: 400,
  errorBodies: 'detail',
  retryAfter: true,
  absentAlias: 'null',
  slashless: 'not-found',
  caseInsensitiveEnums: false,
  trialingOnUpdate: false,
  churnTypeOmitted: 'voluntary',
  customersPastEnd: 'empty',
};
