// Checks that a uCharts canvas has really been drawn on: counts pixels of the chart's blue.
import type { Locator } from '@playwright/test';

/** Pixels close to the charts' blue (#1F6FEB and its lighter fills) on a canvas. */
export function bluePixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const node = element as HTMLCanvasElement;
    const pixels = node.getContext('2d')!.getImageData(0, 0, node.width, node.height).data;
    let colored = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 2]! > 180 && pixels[i]! < 180 && pixels[i + 2]! - pixels[i]! > 60) colored += 1;
    return colored;
  });
}
