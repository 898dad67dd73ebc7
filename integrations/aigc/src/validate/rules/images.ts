import type { Image, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Rule } from '../context.ts';
import { report } from '../report.ts';
import { EXTERNAL_RULE_ID } from './links.ts';
import { classifyUrl, fileExists, isAllowedHost, localFile } from './urls.ts';

export const RULE_ID = 'images';

const GENERIC_ALT =
  /^(?:image|picture|photo|photograph|figure|illustration|graphic|img|screenshot|diagram|icon|alt|alt text|placeholder)\s*\d*$/i;
const FILE_NAME_ALT = /^[\w\-./]+\.(?:png|jpe?g|gif|webp|avif|svg|bmp|tiff?)$/i;
const DESCRIBED_AS_IMAGE = /^(?:an? )?(?:image|picture|photo|photograph|screenshot|graphic) of\b/i;

/** Why an alt text does not describe its image, or undefined when it does. */
export function altProblem(alt: string | null | undefined): string | undefined {
  const text = (alt ?? '').trim();
  if (text === '') return 'has no alt text';
  if (GENERIC_ALT.test(text)) return `has a generic alt text ("${text}")`;
  if (FILE_NAME_ALT.test(text)) return `has a file name as alt text ("${text}")`;
  if (DESCRIBED_AS_IMAGE.test(text))
    return `has an alt text starting "${text.split(' ').slice(0, 3).join(' ')}" (screen readers already say it is an image)`;
  return undefined;
}

/** Every image has alt text that describes it, and local images exist. */
export const images: Rule = (tree, file, context) => {
  visit(tree, (node: Nodes) => {
    if (node.type !== 'image') return;
    const image = node as Image;
    const place = image.position?.start;
    const problem = altProblem(image.alt);
    if (problem) {
      report(file, {
        ruleId: RULE_ID,
        severity: 'error',
        place,
        reason: `Image ${image.url} ${problem}`,
        fix: 'Write alt text that says what the image shows and why it is here, in one sentence, without "image of".',
      });
    }
    const kind = classifyUrl(image.url);
    if (kind === 'external') {
      if (!isAllowedHost(image.url, context.options.allowedHosts)) {
        report(file, {
          ruleId: EXTERNAL_RULE_ID,
          severity: 'warning',
          place,
          reason: `Image from an external host: ${image.url}`,
          fix: 'Use a generated figure (a ```figure block) or an image in the repository instead.',
        });
      }
    } else if (kind === 'absolute' || kind === 'relative') {
      const target = localFile(image.url, context);
      if (target && !fileExists(target)) {
        report(file, {
          ruleId: RULE_ID,
          severity: 'error',
          place,
          reason: `Image file ${image.url} does not exist`,
          fix: 'Remove the image, or describe it in a ```figure block so it is generated.',
        });
      }
    }
  });
};
