import { FieldErrors, json, nonFieldError, NOT_FOUND, type Reply } from './fake-profitwell-drf';
import type { FakeVariants } from './fake-profitwell-variants';

// Manually-added plans `{id, name}` (reference §7.6); error texts as in EEB's specs.

export interface FakePlan {
  id: string;
  name: string;
}

export class PlanStore {
  readonly plans = new Map<string, FakePlan>();

  constructor(private readonly variants: () => FakeVariants) {}

  list(): Reply {
    return json([...this.plans.values()]);
  }

  get(id: string): Reply {
    const plan = this.plans.get(id);
    return plan ? json(plan) : NOT_FOUND;
  }

  create(data: Record<string, unknown>): Reply {
    const e = new FieldErrors();
    const id = e.text(data, 'id');
    const name = e.text(data, 'name');
    const invalid = e.reply();
    if (invalid) return invalid;
    if (this.plans.has(id!))
      return nonFieldError(this.variants().businessErrorStatus, 'A plan with this ID already exists');
    const plan = { id: id!, name: name! };
    this.plans.set(plan.id, plan);
    return json(plan, this.variants().createPlanStatus);
  }

  update(id: string, data: Record<string, unknown>): Reply {
    const e = new FieldErrors();
    const name = e.text(data, 'name');
    const invalid = e.reply();
    if (invalid) return invalid;
    const plan = this.plans.get(id);
    if (!plan) return nonFieldError(this.variants().businessErrorStatus, 'There is no plan with this ID');
    plan.name = name!;
    return json(plan);
  }
}
