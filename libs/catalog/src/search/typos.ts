/**
 * How many typos a typed word may carry and still find what was meant, by its length. Search
 * engines allow one from five letters and two from nine; accent-free Vietnamese syllables are
 * mostly four letters or fewer (nuoc, banh, xoai, ruou), so one is allowed from four.
 */
export function typoAllowance(letters: number): number {
  return letters >= 9 ? 2 : letters >= 4 ? 1 : 0;
}

/**
 * Typos between two words: letters added, dropped or changed, and two neighbours swapped ("bahn"
 * for "banh") counted as one — the optimal-string-alignment distance. PostgreSQL's `levenshtein`
 * counts a swap as two, so it only narrows the catalog's words down to the candidates measured here.
 */
export function typoDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  // d[i][j]: typos between the first i letters of x and the first j of y.
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const change = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}
