/** The browser's Platform: downloads for saving, a hidden file input for opening. */
import type { PickedFile, Platform, SaveRequest } from './types';
import { webRuns } from './webRuns';

export function webPlatform(): Platform {
  return {
    ...webRuns(),
    kind: 'web',
    async saveBytes(request: SaveRequest): Promise<boolean> {
      const part: BlobPart = typeof request.data === 'string' ? request.data : (request.data.slice().buffer as ArrayBuffer);
      const url = URL.createObjectURL(new Blob([part], { type: request.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = request.suggestedName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      // The download has started by the time the click returns; revoke later so slow browsers still read it.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    openText(options): Promise<PickedFile | null> {
      return new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = options.extensions.map((e) => `.${e}`).join(',');
        input.style.display = 'none';
        input.addEventListener('change', async () => {
          const file = input.files?.[0];
          input.remove();
          resolve(file ? { name: file.name, text: await file.text() } : null);
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        document.body.appendChild(input);
        input.click();
      });
    },
  };
}
