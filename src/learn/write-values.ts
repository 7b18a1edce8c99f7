import { isCollection, isSeq, parseDocument, type Scalar, visit, type YAMLSeq } from 'yaml';
import type { Proposal } from './learn.js';

/**
 * The user's values file with the kept proposals made, as YAML, each change
 * commented with its evidence. Built on the parsed document (the `yaml`
 * library's Document API), so the user's own comments, order and spelling
 * stay as they were. A JSON values file is read the same way and written as YAML.
 */
export function writeLearnedValues(sourceText: string, proposals: readonly Proposal[]): string {
  const text = sourceText.replace(/^\uFEFF/, '');
  const doc = parseDocument(text);
  // A JSON values file is all flow collections: written as block YAML, one term a line, to be read and reviewed.
  if (text.trimStart().startsWith('{')) {
    visit(doc, {
      Collection(_, node) {
        if (isCollection(node)) node.flow = false;
      },
    });
  }
  for (const p of proposals) {
    const c = p.change;
    const listKey = c.kind === 'add-value-term' || c.kind === 'drop-value-term' ? 'values' : 'redFlags';
    const owner = 'value' in c ? c.value : c.redFlag;
    const list = doc.get(listKey, true) as YAMLSeq | undefined;
    const index = list?.items.findIndex((item) => (item as { get?: (k: string) => unknown }).get?.('name') === owner) ?? -1;
    if (index < 0) continue;
    const terms = doc.getIn([listKey, index, 'terms'], true);
    if (!isSeq(terms)) continue;
    // Flow sequences ([a, b]) cannot carry a comment per item: written out as a block list.
    terms.flow = false;
    if (c.kind === 'add-value-term' || c.kind === 'add-red-flag-term') {
      const node = doc.createNode(c.term) as Scalar;
      node.comment = ` learned: ${evidence(p)}`;
      terms.items.push(node);
    } else {
      const at = terms.items.findIndex((item) => (item as Scalar).value === c.term);
      if (at < 0) continue;
      terms.items.splice(at, 1);
      const note = ` dropped by kindred learn: "${c.term}" (${evidence(p)})`;
      terms.commentBefore = terms.commentBefore ? `${terms.commentBefore}\n${note}` : note;
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function evidence(p: Proposal): string {
  const u = p.usedBy;
  return `used by ${u.aligned} aligned, ${u.opposed} opposed, ${u.neutral} neutral labelled people; on people it was not learned from it moved ${p.heldOut.right} right, ${p.heldOut.wrong} wrong`;
}
