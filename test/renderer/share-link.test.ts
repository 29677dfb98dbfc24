import { describe, expect, it } from 'vitest';
import { defaultExperiment, parseExperimentText, serializeExperiment } from '../../src/core/experiment/parse';
import { describeExperiment, MAX_LINK_CHARS, readShareFragment, SHARE_KEY, shareFragment, shareUrl } from '../../src/renderer/documents/shareLink';

const lesson = () => ({ ...defaultExperiment(), name: 'The dying ReLU — learning rate too high', seed: 5 });

describe('share links', () => {
  it('carry the experiment, without its weights, through the fragment and back', async () => {
    const e = { ...lesson(), weights: { format: 'relu-lab/weights@1' as const, layers: [] } };
    const fragment = await shareFragment(e);
    expect(fragment.startsWith(`${SHARE_KEY}=z`)).toBe(true);
    // Deflated: a link a mail program keeps whole.
    expect(fragment.length).toBeLessThan(serializeExperiment({ ...e, weights: null }).length * 0.6);
    const back = await readShareFragment(`#${fragment}`);
    expect(back).toEqual({ ok: true, experiment: { ...lesson(), weights: null } });
    const url = await shareUrl(e, { origin: 'https://lab.example', pathname: '/app/', search: '?x=1' });
    expect(url).toBe(`https://lab.example/app/?x=1#${fragment}`);
  });

  it('read the plain JSON form too (a browser without CompressionStream writes it)', async () => {
    const text = serializeExperiment(lesson());
    const payload = Buffer.from(text).toString('base64url');
    expect(await readShareFragment(`#${SHARE_KEY}=j${payload}`)).toEqual({ ok: true, experiment: parseExperimentText(text) });
  });

  it('leave a fragment without an experiment alone', async () => {
    expect(await readShareFragment('')).toBeNull();
    expect(await readShareFragment('#section-2')).toBeNull();
  });

  it('refuse a damaged or hostile link, saying what is wrong, field by field', async () => {
    const fragment = await shareFragment(lesson());
    const cut = await readShareFragment(`#${fragment.slice(0, fragment.length - 40)}`);
    expect(cut).toMatchObject({ ok: false });
    expect((cut as { message: string }).message).toMatch(/^the link is damaged .*cut off/);
    expect(await readShareFragment(`#${SHARE_KEY}=j<script>`)).toMatchObject({ ok: false, message: expect.stringContaining('base64url') });
    expect(await readShareFragment(`#${SHARE_KEY}=q123`)).toMatchObject({ ok: false, message: expect.stringContaining('expected "z"') });
    const bad = Buffer.from(JSON.stringify({ ...JSON.parse(serializeExperiment(lesson())), seed: -1 })).toString('base64url');
    expect(await readShareFragment(`#${SHARE_KEY}=j${bad}`)).toMatchObject({ ok: false, message: expect.stringMatching(/^seed: /) });
    expect(await readShareFragment(`#${SHARE_KEY}=j${'A'.repeat(MAX_LINK_CHARS + 1)}`)).toMatchObject({ ok: false, message: expect.stringContaining('at most') });
  });

  it('are summed up before anything is opened: data, network, training', () => {
    const lines = describeExperiment(lesson());
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Data: spiral, \d+ samples, 3 classes/);
    expect(lines[1]).toMatch(/^Network: 2 → 8 → 8 → 3 \(relu\), softmax-cross-entropy$/);
    expect(lines[2]).toContain('seed 5');
  });
});
