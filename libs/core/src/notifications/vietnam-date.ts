/** The calendar day in Vietnam (YYYY-MM-DD) at `at`: daily notices are counted in the province's days. */
export function vietnamDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
