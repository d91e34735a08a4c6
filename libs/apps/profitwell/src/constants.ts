// Facts of the ProfitWell API v2 the modules rely on (reference/profitwell-api.md).

export const DEFAULT_BASE_URL = 'https://api.profitwell.com';

/** Lowercase ISO-4217 codes ProfitWell accepts for `plan_currency` (reference §7.8). */
export const PLAN_CURRENCIES: ReadonlySet<string> = new Set(
  (
    'aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd btc btn bwp bzd cad cdf chf ' +
    'clf clp cny cop crc cup cve czk djf dkk dop dzd egp ern etb eur fjd fkp gbp gel ghs gip gmd gnf gtq gyd hkd hnl ' +
    'hrk htg huf idr ils inr iqd irr isk jep jmd jod jpy kes kgs khr kmf kpw krw kwd kyd kzt lak lbp lkr lrd lsl lyd ' +
    'mad mdl mga mkd mmk mnt mop mro mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg ' +
    'qar ron rsd rub rwf sar sbd scr sdg sek sgd shp sll sos srd std svc syp szl thb tjs tmt tnd top try ttd twd tzs ' +
    'uah ugx usd uyu uzs vef vnd vuv wst xaf xag xau xcd xdr xof xpf yer zar zmw zwl'
  ).split(' '),
);

export const PLAN_INTERVALS = ['month', 'year'] as const;
export const CHURN_TYPES = ['voluntary', 'delinquent'] as const;

/** Longest `subscription_alias` ProfitWell stores (reference §2). */
export const SUBSCRIPTION_ALIAS_MAX = 36;

/** `/v2/customers/` paging: at most 250 per page, and pages stop at 100000 / per_page (reference §6). */
export const CUSTOMERS_PER_PAGE_MAX = 250;
export const CUSTOMERS_WINDOW_MAX = 100000;
