#!/usr/bin/env python3
"""Lists English text in .razor markup that does not go through T("…"): text between tags and the usual text
attributes (Label, aria-label, Placeholder, …). Heuristic: it reads markup, not C#; review what it prints.
Usage: python3 scripts/untranslated.py [files or folders]  (default: LeadDesk.Web/Components)"""
import pathlib, re, sys

TEXT_ATTRS = r'(?:Label|aria-label|AriaLabel|Placeholder|HelperText|Title|title|alt|Text|Tooltip|ConfirmText|CancelText|ButtonText|Content|Message|Description|Subheader|Header)'
ATTR = re.compile(TEXT_ATTRS + r'="(?!true"|false")([^"@]*[A-Za-z]{2,}[^"]*)"')
KEYWORDS = {'LeadDesk', 'else', 'if', 'foreach', 'var', 'in', 'case', 'break', 'default', 'switch', 'return', 'null', 'true', 'false', 'when', 'while', 'using', 'new', 'await', 'is', 'not'}

def strip_code(src):
    src = re.sub(r'@\*.*?\*@', lambda m: '\n' * m.group(0).count('\n'), src, flags=re.S)
    i = src.find('@code')
    if i >= 0:
        src = src[:i]
    # @{ ... } blocks (balanced braces)
    out, k = [], 0
    while True:
        j = src.find('@{', k)
        if j < 0:
            out.append(src[k:]); break
        out.append(src[k:j]); depth, m = 0, j + 1
        while m < len(src):
            if src[m] == '{': depth += 1
            elif src[m] == '}':
                depth -= 1
                if depth == 0: break
            m += 1
        out.append('\n' * src[j:m].count('\n')); k = m + 1
    return ''.join(out)

CODE_LINE = re.compile(r'^\s*(@?(if|else|foreach|for|switch|case|while|var|break|default)\b|[{}]|@inject|@using|@T\(|@\()')

def bare(text):
    text = '\n'.join(line for line in text.split('\n') if not CODE_LINE.match(line))
    text = re.sub(r'@T\("(?:[^"\\]|\\.)*"(?:,[^)]*)?\)', ' ', text)
    for _ in range(3):
        text = re.sub(r'@\((?:[^()]|\([^()]*\))*\)', ' ', text)
    text = re.sub(r'@[A-Za-z_][\w.]*(?:\((?:[^()]|\([^()]*\))*\))?(?:\.[\w]+(?:\((?:[^()]|\([^()]*\))*\))?)*', ' ', text)
    text = re.sub(r'&[a-z]+;|&#\d+;', ' ', text)
    words = [w for w in re.findall(r'[A-Za-zÀ-ÿ]{2,}', text) if w not in KEYWORDS]
    return words

def scan(path):
    src = strip_code(path.read_text())
    for m in re.finditer(r'>([^<>]*)<', src):
        if bare(m.group(1)):
            line = src.count('\n', 0, m.start()) + 1
            print(f'{path}:{line}: text: {m.group(1).strip()[:100]}')
    for m in ATTR.finditer(src):
        line = src.count('\n', 0, m.start()) + 1
        print(f'{path}:{line}: attribute: {m.group(0)[:100]}')

targets = [pathlib.Path(a) for a in sys.argv[1:]] or [pathlib.Path('LeadDesk.Web/Components')]
for t in targets:
    for f in sorted([t] if t.is_file() else t.rglob('*.razor')):
        scan(f)
