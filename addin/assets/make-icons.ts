/** Writes addin/assets/icon-<size>.png for every icon size. Run: npx tsx addin/assets/make-icons.ts */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICON_SIZES, renderIcon } from './icon-art';
import { encodePng } from './png';

for (const size of ICON_SIZES) {
  const file = join(__dirname, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, size, renderIcon(size)));
  console.log(`wrote ${file}`);
}
