declare module '@mapbox/geojson-rewind' {
  /** Rewinds rings; clockwise=true gives the winding d3-geo expects for exterior rings. */
  export default function rewind<T>(geojson: T, clockwise?: boolean): T;
}
