// A case-study-like text with `n` figures (five sentences a paragraph, one figure each, a year in
// each that must stay out): the review screen's worst case in the benchmark and the e2e test.
export function draftText(n) {
  const paras = [];
  for (let p = 0; p * 5 < n; p += 1) {
    const s = [];
    for (let k = p * 5; k < Math.min(n, p * 5 + 5); k += 1) {
      s.push(`In ${2000 + (k % 20)} plot ${k + 1} restored ${(k % 97) + 1},${String(100 + (k % 900)).padStart(3, '0')} hectares of grassland.`);
    }
    paras.push(s.join(' '));
  }
  return paras.join('\n\n');
}
