// The score-card gap, one sign convention everywhere (campaign pages, the diagnosis, open data):
// users' score minus staff's score. Negative when staff think better of the service than its users.
export function scoreGap(userScore: number, staffScore: number): number {
  return userScore - staffScore;
}
