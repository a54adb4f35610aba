#!/usr/bin/env python3
"""Namespace pass (issue 21, prepared, not yet applied: run `python3 eng/namespace-pass.py .` then rebuild and regenerate the approved API files): folder = namespace, assembly name = root namespace; extension classes that hook into a
framework builder keep the framework's namespace (Microsoft.*). Rewrites namespace lines in src/, then adds the usings
each C# file in src/tests/samples/benchmarks (and C# blocks in docs) needs. Idempotent: re-run after merges."""
import os, re, sys, collections

root = sys.argv[1] if len(sys.argv) > 1 else '.'
os.chdir(root)
SKIP = ('/obj/', '/bin/', '/artifacts/', 'BenchmarkDotNet.Artifacts')

def cs_files(top):
    for d, _, fs in os.walk(top):
        if any(s in d + '/' for s in SKIP):
            continue
        for f in fs:
            if f.endswith('.cs'):
                yield os.path.join(d, f)

NS_RE = re.compile(r'^namespace\s+([\w.]+)\s*;', re.M)
TYPE_RE = re.compile(r'^(?:(?:public|internal|file|static|sealed|abstract|partial|readonly|ref|unsafe|new)\s+)*(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?|delegate\s+[\w<>\[\],.? ]+?)\s+(\w+)', re.M)
EXT_RE = re.compile(r'\bstatic\s+[^=;{}()]*?\s(\w+)\s*(?:<[^()]*?>)?\s*\(\s*this\s', re.M)

def expected_ns(path):
    parts = path.split('/')
    proj = parts[1]
    folders = parts[2:-1]
    return '.'.join([proj] + folders)

OLD_NAMESPACES = set()
for f in cs_files('src'):
    m = NS_RE.search(open(f).read())
    if m:
        OLD_NAMESPACES.add(m.group(1))

# 1. rename namespaces in src
type_ns = collections.defaultdict(set)
ext_ns = collections.defaultdict(set)
renamed = 0
for f in cs_files('src'):
    s = open(f).read()
    m = NS_RE.search(s)
    if not m:
        continue
    cur = m.group(1)
    new = cur if cur.startswith('Microsoft.') else expected_ns(f)
    if new != cur:
        s = s[:m.start(1)] + new + s[m.end(1):]
        open(f, 'w').write(s)
        renamed += 1
    for t in TYPE_RE.findall(s):
        type_ns[t].add(new)
        if t.endswith('Attribute'):
            type_ns[t[:-len('Attribute')]].add(new)
    for e in EXT_RE.findall(s):
        ext_ns[e].add(new)
print('renamed', renamed, 'files', file=sys.stderr)

# namespaces declared anywhere after the rename
declared = set()
for top in ('src', 'tests', 'samples', 'benchmarks'):
    for f in cs_files(top):
        m = NS_RE.search(open(f).read())
        if m:
            declared.add(m.group(1))

def ns_exists(ns):
    return ns in declared or any(d.startswith(ns + '.') for d in declared)

def project_of(path):
    d = os.path.dirname(path)
    while d and d != '.':
        projs = [f for f in os.listdir(d) if f.endswith('.csproj')]
        if projs:
            return os.path.join(d, projs[0])
        d = os.path.dirname(d)
    return None

_refs = {}
def src_assemblies(csproj):
    """The src assemblies a project can see (itself when in src, and its project references, transitively)."""
    if csproj in _refs:
        return _refs[csproj]
    out = set()
    _refs[csproj] = out
    name = os.path.basename(csproj)[:-len('.csproj')]
    if csproj.startswith('src/'):
        out.add(name)
    for r in re.findall(r'ProjectReference\s+Include="([^"]+)"', open(csproj).read()):
        rp = os.path.normpath(os.path.join(os.path.dirname(csproj), r.replace('\\', '/')))
        if os.path.exists(rp):
            out |= src_assemblies(rp)
    return out

def visible(ns, assemblies):
    return any(ns == a or ns.startswith(a + '.') for a in assemblies) and not any(
        (ns == b or ns.startswith(b + '.')) and b not in assemblies for b in ALL_ASSEMBLIES if len(b) > len(next(a for a in assemblies if ns == a or ns.startswith(a + '.'))))

ALL_ASSEMBLIES = sorted({p.split('/')[1] for p in cs_files('src')})

IDENT = re.compile(r'\b[A-Za-z_]\w*\b')
USING = re.compile(r'^using\s+([\w.]+)\s*;\s*$')

def needed_namespaces(text, own_ns, assemblies=None):
    needed, ambiguous = set(), set()
    for ident in set(IDENT.findall(text)):
        cands = type_ns.get(ident, set()) | ext_ns.get(ident, set())
        if not cands:
            continue
        if len(cands) > 1:
            ambiguous.add(ident)
            continue  # two types of one name: import neither for it (another name may bring one in; else fix by hand)
        for c in cands:
            if not c.startswith('DataGuard') or (assemblies is not None and not visible(c, assemblies)):
                continue
            if own_ns and (own_ns == c or own_ns.startswith(c + '.')):
                continue
            needed.add(c)
    return needed, ambiguous

PARTIAL = re.compile(r'(?<![\w.])((?:[A-Z]\w*\.)+)([A-Z]\w*)\b')
FQN = re.compile(r'(?<![\w.])DataGuard(?:\.\w+)+')

def fix_fqn(text):
    def repl(m):
        segs = m.group(0).split('.')
        for i in range(1, len(segs)):
            prefix = '.'.join(segs[:i])
            if not (prefix in declared or prefix in OLD_NAMESPACES or prefix == 'DataGuard'):
                return m.group(0)
            name = segs[i]
            full = prefix + '.' + name
            if full in declared or full in OLD_NAMESPACES or any(d.startswith(full + '.') for d in declared | OLD_NAMESPACES):
                continue  # still a namespace
            cands = type_ns.get(name)
            if not cands or len(cands) != 1 or prefix in cands:
                return m.group(0)
            return next(iter(cands)) + '.' + '.'.join(segs[i:])
        return m.group(0)
    def repl_partial(m):
        prefix, name = m.group(1)[:-1], m.group(2)
        full = 'DataGuard.' + prefix
        if not (full in declared or full in OLD_NAMESPACES) or prefix.startswith('DataGuard'):
            return m.group(0)
        cands = type_ns.get(name)
        if not cands or len(cands) != 1 or full in cands:
            return m.group(0)
        return next(iter(cands)) + '.' + name
    out = []
    for line in text.split('\n'):
        if line.startswith('namespace ') or (line.startswith('using ') and '=' not in line):
            out.append(line)
        else:
            out.append(PARTIAL.sub(repl_partial, FQN.sub(repl, line)))
    return '\n'.join(out)

def fix_usings(text, own_ns, assemblies=None):
    text = fix_fqn(text.replace('DataGuard.EntityFrameworkCore', 'DataGuard.EFCore'))
    lines = text.split('\n')
    # the leading using block (plain usings only), after any leading comments/#nullable/blank lines
    idx = [i for i, l in enumerate(lines) if USING.match(l)]
    first_ns = next((i for i, l in enumerate(lines) if l.startswith('namespace ')), None)
    idx = [i for i in idx if first_ns is None or i < first_ns]
    existing = {USING.match(lines[i]).group(1) for i in idx}
    body = '\n'.join(l for i, l in enumerate(lines) if i not in set(idx))
    needed, amb = needed_namespaces(body, own_ns, assemblies)
    keep = set()
    for u in existing:
        if u.startswith('DataGuard') and not ns_exists(u):
            continue  # namespace gone
        keep.add(u)
    dg = {u for u in keep if u.startswith('DataGuard')}
    # drop DataGuard usings nothing needs any more (only those we can reason about)
    for u in list(dg):
        if u not in needed and u in set().union(*type_ns.values()) and not any(t for t, ns in type_ns.items() if u in ns and re.search(r'\b' + t + r'\b', body)) and not any(e for e, ns in ext_ns.items() if u in ns and re.search(r'\b' + e + r'\b', body)):
            keep.discard(u)
    final = keep | needed
    if final == existing:
        return text, amb
    order = sorted(final, key=lambda u: (0 if u == 'System' or u.startswith('System.') else 1, u))
    new_block = ['using %s;' % u for u in order]
    if idx:
        start, end = idx[0], idx[-1]
        rest = [l for i, l in enumerate(lines[start:end + 1], start) if i not in set(idx) and l.strip()]
        lines = lines[:start] + new_block + rest + lines[end + 1:]
    else:
        insert = 0
        while insert < len(lines) and (lines[insert].startswith('//') or lines[insert].startswith('#') or lines[insert].startswith('global using')):
            insert += 1
        lines = lines[:insert] + new_block + ([''] if new_block else []) + lines[insert:]
    return '\n'.join(lines), amb

changed = 0
all_amb = collections.Counter()
for top in ('src', 'tests', 'samples', 'benchmarks'):
    for f in cs_files(top):
        s = open(f).read()
        m = NS_RE.search(s)
        own = m.group(1) if m else None
        proj = project_of(f)
        new, amb = fix_usings(s, own, src_assemblies(proj) if proj else None)
        all_amb.update(amb)
        if new != s:
            open(f, 'w').write(new)
            changed += 1
print('usings changed in', changed, 'files', file=sys.stderr)

# C# blocks in docs and README: same treatment for blocks that carry using lines
BLOCK = re.compile(r'(```csharp\n)(.*?)(```)', re.S)
for d, _, fs in list(os.walk('docs')) + [('.', None, ['README.md'])]:
    for f in fs:
        if not f.endswith('.md'):
            continue
        p = os.path.join(d, f)
        s = open(p).read()
        def repl(m):
            code = m.group(2)
            if not re.search(r'^using DataGuard', code, re.M):
                return m.group(1) + code.replace('DataGuard.EntityFrameworkCore', 'DataGuard.EFCore') + m.group(3)
            new, _ = fix_usings(code, None)
            return m.group(1) + new + m.group(3)
        n = BLOCK.sub(repl, s).replace('DataGuard.EntityFrameworkCore', 'DataGuard.EFCore')
        if n != s:
            open(p, 'w').write(n)
# The analyzer tests compile snippets with global usings of DataGuard's public namespaces.
public_ns = set()
for f in cs_files('src/DataGuard'):
    if '/src/DataGuard/' not in '/' + f + '/' and not f.startswith('src/DataGuard/'):
        continue
    t = open(f).read()
    m = NS_RE.search(t)
    if m and m.group(1).startswith('DataGuard') and re.search(r'^public\s', t, re.M):
        public_ns.add(m.group(1))
verifier = 'tests/DataGuard.Analyzers.Tests/AnalyzerVerifier.cs'
if os.path.exists(verifier):
    t = open(verifier).read()
    lines = t.split('\n')
    have = {l.strip() for l in lines}
    at = next((i for i, l in enumerate(lines) if l.strip() == 'global using DataGuard;'), None)
    if at is not None:
        indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
        add = [indent + 'global using %s;' % n for n in sorted(public_ns) if n != 'DataGuard' and 'global using %s;' % n not in have]
        lines[at + 1:at + 1] = add
        open(verifier, 'w').write('\n'.join(lines))

for csproj in ('src/DataGuard.EFCore/DataGuard.EFCore.csproj', 'src/DataGuard.Analyzers.CodeFixes/DataGuard.Analyzers.CodeFixes.csproj'):
    s = open(csproj).read()
    s = s.replace('<RootNamespace>DataGuard.EntityFrameworkCore</RootNamespace>', '<RootNamespace>DataGuard.EFCore</RootNamespace>')
    s = s.replace('<RootNamespace>DataGuard.Analyzers</RootNamespace>', '<RootNamespace>DataGuard.Analyzers.CodeFixes</RootNamespace>') if 'CodeFixes' in csproj else s
    open(csproj, 'w').write(s)
print('ambiguous identifiers (check by hand if the build complains):', ', '.join(k for k, _ in all_amb.most_common(30)), file=sys.stderr)

# Symbol checks by namespace name in the code fixes.
for p in ('src/DataGuard.Analyzers.CodeFixes/PrintMembersCodeFix.cs',):
    if os.path.exists(p):
        t = open(p).read()
        t = t.replace('{ Name: "PersonalAttribute", ContainingNamespace: { Name: "DataGuard", ContainingNamespace.IsGlobalNamespace: true } }',
                      '{ Name: "PersonalAttribute", ContainingNamespace: { Name: "Model", ContainingNamespace: { Name: "DataGuard", ContainingNamespace.IsGlobalNamespace: true } } }')
        open(p, 'w').write(t)
