/**
 * At most `maxPoints` points of a series, for charts: the series itself when it is short enough, else
 * Largest-Triangle-Three-Buckets, which keeps the first and last points and the peaks and troughs between.
 */
export function downsample<T>(points: T[], maxPoints: number, value: (point: T) => number): T[] {
  if (points.length <= maxPoints) return points;
  if (maxPoints < 3) return [points[0]!, points[points.length - 1]!].slice(0, Math.max(0, maxPoints));
  const sampled: T[] = [points[0]!];
  const bucketSize = (points.length - 2) / (maxPoints - 2);
  let previous = 0;
  for (let bucket = 0; bucket < maxPoints - 2; bucket += 1) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.min(Math.floor((bucket + 1) * bucketSize) + 1, points.length - 1);
    // The average of the next bucket is the third corner of the triangle.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length);
    let averageX = 0;
    let averageY = 0;
    for (let index = nextStart; index < nextEnd; index += 1) {
      averageX += index;
      averageY += value(points[index]!);
    }
    const nextCount = Math.max(1, nextEnd - nextStart);
    averageX /= nextCount;
    averageY /= nextCount;
    let chosen = start;
    let largestArea = -1;
    const previousY = value(points[previous]!);
    for (let index = start; index < end; index += 1) {
      const area = Math.abs((previous - averageX) * (value(points[index]!) - previousY) - (previous - index) * (averageY - previousY));
      if (area > largestArea) {
        largestArea = area;
        chosen = index;
      }
    }
    sampled.push(points[chosen]!);
    previous = chosen;
  }
  sampled.push(points[points.length - 1]!);
  return sampled;
}
