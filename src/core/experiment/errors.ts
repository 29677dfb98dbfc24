/**
 * A problem with user input (experiment, weights, CSV). `path` names where:
 * a field path such as `network.layers[1].activation.alpha`, or a CSV
 * location such as `data.csv row 7, column "x2"`. The message always says
 * what was expected, so the CLI and the app can show it as is.
 */
export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly kind: 'experiment' | 'data' | 'weights' = 'experiment',
  ) {
    super(path ? `${path}: ${expected}` : expected);
    this.name = 'ValidationError';
  }
}
