// Intrinsic functions in a decoded template: recognising them, and working out the value of those whose value is
// known at lint time (a parameter's Default, `!Sub` without variables, `!Join`/`!Select`/`!FindInMap` of known parts).
// A value that stays unknown is never a finding; a value taken from a Default is checked, and the finding says so.
import { at, items, prop } from '../lint/json';
import type { Node } from '../lint/json';

/** The single key of an intrinsic function object (`Ref`, `Fn::Sub`, …), or undefined for any other node. */
export function intrinsicName(node: Node | undefined): string | undefined {
  if (!node || node.type !== 'object' || node.children?.length !== 1) return undefined;
  const key = node.children[0]?.children?.[0]?.value;
  return typeof key === 'string' && (key === 'Ref' || key.startsWith('Fn::')) ? key : undefined;
}

export function intrinsicArg(node: Node): Node | undefined {
  return node.children?.[0]?.children?.[1];
}

/** `!Ref X` → "X". */
export function refName(node: Node | undefined): string | undefined {
  if (intrinsicName(node) !== 'Ref') return undefined;
  const arg = intrinsicArg(node!);
  return arg?.type === 'string' ? (arg.value as string) : undefined;
}

/** `!GetAtt A.B` or `{"Fn::GetAtt": ["A", "B"]}` → ["A", "B"]. */
export function getAtt(node: Node | undefined): [string, string] | undefined {
  if (intrinsicName(node) !== 'Fn::GetAtt') return undefined;
  const arg = intrinsicArg(node!);
  if (arg?.type === 'string') {
    const s = arg.value as string;
    const i = s.indexOf('.');
    return i > 0 ? [s.slice(0, i), s.slice(i + 1)] : undefined;
  }
  const [a, b] = items(arg);
  return a?.type === 'string' && b?.type === 'string' ? [a.value as string, b.value as string] : undefined;
}

/** A known value and the parameters whose Default it was built from. */
export interface Known {
  value: string | number | boolean;
  params: { name: string; node: Node }[];
}

export interface Scope {
  /** Parameter name → its Default node (scalar). */
  defaults: ReadonlyMap<string, Node>;
  mappings: Node | undefined;
}

function scalar(node: Node | undefined): string | number | boolean | undefined {
  if (!node) return undefined;
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') return node.value as string | number | boolean;
  return undefined;
}

/** The value of a node when it is known: a scalar, or an intrinsic of known parts. Depth-limited. */
export function evaluate(node: Node | undefined, scope: Scope, depth = 0): Known | undefined {
  if (!node || depth > 20) return undefined;
  const plain = scalar(node);
  if (plain !== undefined) return { value: plain, params: [] };
  const name = intrinsicName(node);
  if (!name) return undefined;
  const arg = intrinsicArg(node);
  switch (name) {
    case 'Ref': {
      const ref = arg?.type === 'string' ? (arg.value as string) : undefined;
      const def = ref !== undefined ? scope.defaults.get(ref) : undefined;
      const v = scalar(def);
      return v !== undefined ? { value: v, params: [{ name: ref!, node: def! }] } : undefined;
    }
    case 'Fn::Sub': {
      const list = items(arg);
      const template = arg?.type === 'string' ? arg : list[0];
      if (template?.type !== 'string') return undefined;
      const vars = arg?.type === 'array' ? list[1] : undefined;
      return substitute(template.value as string, vars, scope, depth);
    }
    case 'Fn::Join': {
      const [delim, list] = items(arg);
      const d = scalar(delim);
      if (d === undefined || list?.type !== 'array') return undefined;
      const parts: string[] = [];
      const params: Known['params'] = [];
      for (const p of items(list)) {
        const k = evaluate(p, scope, depth + 1);
        if (!k) return undefined;
        parts.push(String(k.value));
        params.push(...k.params);
      }
      return { value: parts.join(String(d)), params };
    }
    case 'Fn::Select': {
      const [index, list] = items(arg);
      const i = evaluate(index, scope, depth + 1);
      const n = i ? Number(i.value) : NaN;
      if (!Number.isInteger(n) || list?.type !== 'array') return undefined;
      const k = evaluate(items(list)[n], scope, depth + 1);
      return k && i ? { value: k.value, params: [...i.params, ...k.params] } : undefined;
    }
    case 'Fn::FindInMap': {
      const keys = items(arg).map((k) => evaluate(k, scope, depth + 1));
      if (keys.length !== 3 || keys.some((k) => k === undefined)) return undefined;
      const found = scalar(at(scope.mappings, ...keys.map((k) => String(k!.value))));
      return found !== undefined ? { value: found, params: keys.flatMap((k) => k!.params) } : undefined;
    }
    default:
      return undefined;
  }
}

/** `${Name}` from the variable map or a parameter Default, `${!Literal}` as `${Literal}`; `${AWS::…}` and attributes are unknown. */
function substitute(text: string, vars: Node | undefined, scope: Scope, depth: number): Known | undefined {
  const params: Known['params'] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, open);
    const close = text.indexOf('}', open);
    if (close < 0) {
      out += text.slice(open);
      break;
    }
    const name = text.slice(open + 2, close);
    if (name.startsWith('!')) out += `\${${name.slice(1)}}`;
    else {
      const own = prop(vars, name);
      const k = own ? evaluate(own, scope, depth + 1) : evaluate({ type: 'object', offset: 0, length: 0, children: [{ type: 'property', offset: 0, length: 0, children: [{ type: 'string', value: 'Ref', offset: 0, length: 0 }, { type: 'string', value: name, offset: 0, length: 0 }] }] }, scope, depth + 1);
      if (!k) return undefined;
      out += String(k.value);
      params.push(...k.params);
    }
    i = close + 1;
  }
  return { value: out, params };
}
