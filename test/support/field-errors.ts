/**
 * The control named `name` in the refused form, marked `aria-invalid`: the text of the element
 * its `aria-describedby` names, and whether that element comes right after the control (after
 * its closing tag or the label that wraps it, with nothing but white space between).
 */
export function besideField(html: string, name: string): { message?: string; follows: boolean } {
  const control = new RegExp(
    `<(input|select|textarea)\\b[^>]*\\sname="${name}"[^>]*aria-invalid="true"[^>]*>`,
  ).exec(html);
  if (!control) return { follows: false };
  const id = /aria-describedby="(?:[^"]* )?([^" ]+)"/.exec(control[0])?.[1] ?? '';
  const element = new RegExp(`<p class="field-error" id="${id}">([^<]*)</p>`).exec(html);
  if (!element) return { follows: false };
  const between = html.slice(control.index + control[0].length, element.index);
  const closing = control[1] === 'input' ? '' : `[\\s\\S]*?</${control[1]}>`;
  const follows = new RegExp(`^${closing}\\s*(?:[^<]*</label>\\s*)?$`).test(between);
  return { message: element[1], follows };
}
