// Photos are made smaller in the browser before they travel over a slow link: at most 1280
// pixels on the long side, JPEG at 80 %, which keeps them well under the server's 1 MiB limit.
export const MAX_SIDE = 1280;

export function scaledSize(w: number, h: number, max = MAX_SIDE): { w: number; h: number } {
  if (w <= max && h <= max) return { w, h };
  const f = max / Math.max(w, h);
  return { w: Math.round(w * f), h: Math.round(h * f) };
}

export async function shrinkPhoto(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const { w, h } = scaledSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, w, h);
  return await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no image'))), 'image/jpeg', 0.8));
}
