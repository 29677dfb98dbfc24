/** The partial bundle ships no types; ./plotly.ts gives it the few we use. */
declare module 'plotly.js-cartesian-dist-min' {
  const Plotly: unknown;
  export default Plotly;
}
