export function RankPage() {
  return null;
}
