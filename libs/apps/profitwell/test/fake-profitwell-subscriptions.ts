import { randomBytes } from 'node:crypto';
import { FieldErrors, json, nonFieldError, NOT_FOUND, type Reply } from './fake-profitwell-drf';
import type { FakeVariants } from './fake-profitwell-variants';

// Users, subscriptions and their history as the fake ProfitWell keeps them (reference §2, §4, §5, §13).

export interface SubscriptionRecord {
  user_id: string;
  user_alias: string | null;
  subscription_id: string;
  subscription_alias: string | null;
  email: string;
  plan_id: string;
  plan_interval: string;
  plan_currency: string;
  status: string;
  value: number;
  effective_date: number;
  meta: Record<string, unknown>;
}

export interface FakeUser {
  user_id: string;
  user_alias: string | null;
  email: string;
  /** One record per create, update or churn, oldest first (what GET /v2/users/{x}/ returns). */
  history: SubscriptionRecord[];
}

interface Subscription {
  current: SubscriptionRecord;
  /** Set while churned (or scheduled to churn): what un-churn restores. */
  churn?: { before: SubscriptionRecord; record: SubscriptionRecord };
}

const PLAN_CURRENCIES = (
  'aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd btc btn bwp bzd cad cdf chf clf ' +
  'clp cny cop crc cup cve czk djf dkk dop dzd egp ern etb eur fjd fkp gbp gel ghs gip gmd gnf gtq gyd hkd hnl hrk htg ' +
  'huf idr ils inr iqd irr isk jep jmd jod jpy kes kgs khr kmf kpw krw kwd kyd kzt lak lbp lkr lrd lsl lyd mad mdl mga ' +
  'mkd mmk mnt mop mro mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd rub ' +
  'rwf sar sbd scr sdg sek sgd shp sll sos srd std svc syp szl thb tjs tmt tnd top try ttd twd tzs uah ugx usd uyu uzs ' +
  'vef vnd vuv wst xaf xag xau xcd xdr xof xpf yer zar zmw zwl'
).split(' ');

const ALPHANUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const newId = (prefix: string) =>
  prefix + [...randomBytes(12)].map((b) => ALPHANUM[b % ALPHANUM.length]).join('');

export class SubscriptionStore {
  readonly users = new Map<string, FakeUser>();
  readonly subscriptions = new Map<string, Subscription>();

  constructor(private readonly variants: () => FakeVariants) {}

  /** Id first, then alias: the real resolution order is unknown (reference §2). */
  findSubscription(idOrAlias: string): Subscription | undefined {
    return (
      this.subscriptions.get(idOrAlias) ??
      [...this.subscriptions.values()].find((s) => s.current.subscription_alias === idOrAlias)
    );
  }

  findUser(idOrAlias: string): FakeUser | undefined {
    return this.users.get(idOrAlias) ?? [...this.users.values()].find((u) => u.user_alias === idOrAlias);
  }

  create(data: Record<string, unknown>): Reply {
    const v = this.variants();
    const ci = { caseInsensitive: v.caseInsensitiveEnums };
    const e = new FieldErrors();
    const userId = e.text(data, 'user_id', { required: false });
    const userAlias = e.text(data, 'user_alias', { required: false });
    const alias = e.text(data, 'subscription_alias', { required: false, maxLength: 36 });
    const email = e.text(data, 'email');
    const planId = e.text(data, 'plan_id');
    const interval = e.choice(data, 'plan_interval', ['month', 'year'], ci);
    const currency = e.choice(data, 'plan_currency', PLAN_CURRENCIES, { ...ci, required: false }) ?? 'usd';
    const status = e.choice(data, 'status', ['active', 'trialing'], { ...ci, required: false }) ?? 'active';
    const value = e.integer(data, 'value', { min: 0 });
    const effectiveDate = e.integer(data, 'effective_date');
    const invalid = e.reply();
    if (invalid) return invalid;
    if (status === 'trialing' && value !== 0)
      return nonFieldError(v.businessErrorStatus, 'A trialing subscription must have a value of 0.');
    if (alias !== undefined && this.findSubscription(alias)?.current.subscription_alias === alias) {
      return nonFieldError(
        v.businessErrorStatus,
        'A subscription with this subscription_alias already exists.',
      );
    }
    const user = this.userFor(userId, userAlias, email!);
    if ('status' in user) return user;
    const record: SubscriptionRecord = {
      user_id: user.user_id,
      user_alias: user.user_alias,
      subscription_id: newId('pws_'),
      subscription_alias: alias ?? null,
      email: email!,
      plan_id: planId!,
      plan_interval: interval!,
      plan_currency: currency,
      status,
      value: value!,
      effective_date: effectiveDate!,
      meta: {},
    };
    this.subscriptions.set(record.subscription_id, { current: record });
    user.history.push(record);
    return json(this.show(record), v.createSubscriptionStatus);
  }

  update(idOrAlias: string, data: Record<string, unknown>): Reply {
    const sub = this.findSubscription(idOrAlias);
    if (!sub) return NOT_FOUND;
    const v = this.variants();
    const ci = { caseInsensitive: v.caseInsensitiveEnums };
    const e = new FieldErrors();
    const planId = e.text(data, 'plan_id');
    const interval = e.choice(data, 'plan_interval', ['month', 'year'], ci);
    const value = e.integer(data, 'value', { min: 0 });
    const effectiveDate = e.integer(data, 'effective_date');
    const statuses = v.trialingOnUpdate ? ['active', 'trialing'] : ['active'];
    const status = e.choice(data, 'status', statuses, { ...ci, required: false });
    const invalid = e.reply();
    if (invalid) return invalid;
    const record: SubscriptionRecord = {
      ...sub.current,
      plan_id: planId!,
      plan_interval: interval!,
      value: value!,
      effective_date: effectiveDate!,
      status: status ?? sub.current.status,
      meta: { ...sub.current.meta },
    };
    sub.current = record;
    this.users.get(record.user_id)?.history.push(record);
    return json(this.show(record));
  }

  churn(idOrAlias: string, query: Record<string, unknown>): Reply {
    const sub = this.findSubscription(idOrAlias);
    if (!sub) return NOT_FOUND;
    const v = this.variants();
    const e = new FieldErrors();
    const effectiveDate = e.integer(query, 'effective_date');
    const required = v.churnTypeOmitted === 'required';
    const churnType = e.choice(query, 'churn_type', ['voluntary', 'delinquent'], {
      required,
      caseInsensitive: v.caseInsensitiveEnums,
    });
    const invalid = e.reply();
    if (invalid) return invalid;
    if (sub.churn)
      return nonFieldError(v.businessErrorStatus, 'This subscription is already scheduled to churn.');
    const type = churnType ?? 'voluntary';
    const record: SubscriptionRecord = {
      ...sub.current,
      status: `churned_${type}`,
      effective_date: effectiveDate!,
      meta: { ...sub.current.meta, churn_type: type },
    };
    sub.churn = { before: sub.current, record };
    sub.current = record;
    this.users.get(record.user_id)?.history.push(record);
    return json(this.show(record));
  }

  /** Rewrites history as if the subscription never churned (reference §4.4). */
  unchurn(idOrAlias: string): Reply {
    const sub = this.findSubscription(idOrAlias);
    if (!sub) return NOT_FOUND;
    if (!sub.churn)
      return nonFieldError(
        this.variants().businessErrorStatus,
        'This subscription was not churned in the first place.',
      );
    const { before, record } = sub.churn;
    const user = this.users.get(record.user_id);
    if (user) user.history = user.history.filter((r) => r !== record);
    sub.current = before;
    sub.churn = undefined;
    return json(this.show(before));
  }

  history(idOrAlias: string): Reply {
    const user = this.findUser(idOrAlias);
    return user ? json(user.history.map((r) => this.show(r))) : NOT_FOUND;
  }

  updateUser(idOrAlias: string, data: Record<string, unknown>): Reply {
    const user = this.findUser(idOrAlias);
    if (!user) return NOT_FOUND;
    const e = new FieldErrors();
    const email = e.text(data, 'email');
    const invalid = e.reply();
    if (invalid) return invalid;
    user.email = email!;
    for (const sub of this.subscriptions.values()) {
      if (sub.current.user_id === user.user_id) sub.current = { ...sub.current, email: user.email };
    }
    return json({});
  }

  deleteUser(idOrAlias: string): Reply {
    const user = this.findUser(idOrAlias);
    if (!user) return NOT_FOUND;
    this.users.delete(user.user_id);
    for (const [id, sub] of this.subscriptions)
      if (sub.current.user_id === user.user_id) this.subscriptions.delete(id);
    return { status: 204 };
  }

  /** A record as the API shows it: an alias never given is null, or left out (variant). */
  private show(record: SubscriptionRecord): Partial<SubscriptionRecord> {
    if (this.variants().absentAlias === 'null') return record;
    const shown: Partial<SubscriptionRecord> = { ...record };
    if (shown.user_alias === null) delete shown.user_alias;
    if (shown.subscription_alias === null) delete shown.subscription_alias;
    return shown;
  }

  private userFor(
    userId: string | undefined,
    userAlias: string | undefined,
    email: string,
  ): FakeUser | Reply {
    let user =
      userId !== undefined
        ? this.users.get(userId)
        : userAlias !== undefined
          ? this.findUser(userAlias)
          : undefined;
    if (userId !== undefined && !user)
      return { status: 400, body: { user_id: ['User with this user_id does not exist.'] } };
    if (user && userAlias !== undefined && user.user_alias !== null && user.user_alias !== userAlias) {
      return nonFieldError(
        this.variants().businessErrorStatus,
        'user_alias does not match the user with this user_id.',
      );
    }
    if (!user) {
      user = { user_id: newId('pwu_'), user_alias: userAlias ?? null, email, history: [] };
      this.users.set(user.user_id, user);
    }
    user.user_alias ??= userAlias ?? null;
    user.email = email;
    return user;
  }
}
