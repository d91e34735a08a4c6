// The history's date filter: two calendar days picked in the browser (YYYY-MM-DD, as a date input
// gives them) become the API's instants. Days are the user's local days, so "from" is local
// midnight of its day and "to" (exclusive on the API) is local midnight of the day after.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localMidnight(day: string, plusDays = 0): string | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).toISOString();
}

export function dateRange(from: string, to: string): { from?: string; to?: string } {
  return { from: localMidnight(from), to: localMidnight(to, 1) };
}
