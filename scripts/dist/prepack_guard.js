#!/usr/bin/env node
'use strict'
// The `prepack` script of every platform package scripts/dist/npm_pack.sh stages (copied in
// as .prepack-guard.js, not packed): `npm pack` or `npm publish` of a folder whose addon is a
// debug build — or not stripped — fails here, naming the file. A release addon of the
// workspace profile has no symbol table and no DWARF (profile.release: strip = "symbols").
const fs = require('node:fs')
const path = require('node:path')

/** The section names of an ELF64 little-endian file, or null when it is not one. */
function sectionNames(file) {
  const b = fs.readFileSync(file)
  if (b.length < 64 || b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b[5] !== 1) return null
  const shoff = Number(b.readBigUInt64LE(0x28))
  const shentsize = b.readUInt16LE(0x3a)
  const shnum = b.readUInt16LE(0x3c)
  const shstrndx = b.readUInt16LE(0x3e)
  const header = (i) => shoff + i * shentsize
  const strtab = Number(b.readBigUInt64LE(header(shstrndx) + 0x18))
  const names = []
  for (let i = 0; i < shnum; i++) {
    const start = strtab + b.readUInt32LE(header(i))
    names.push(b.toString('latin1', start, b.indexOf(0, start)))
  }
  return names
}

const dir = process.argv[2] || process.cwd()
const addons = fs.readdirSync(dir).filter((f) => f.endsWith('.node'))
let refused = false
if (addons.length === 0) {
  console.error(`prepack: no .node addon in ${dir}: build it with \`make dist\``)
  refused = true
}
for (const f of addons) {
  const names = sectionNames(path.join(dir, f))
  const bad = names === null ? ['not an ELF64 file'] : names.filter((n) => n === '.symtab' || n.startsWith('.debug_'))
  if (bad.length) {
    console.error(
      `prepack: refusing to pack ${f}: not a stripped release build (${bad.join(', ')}); ` +
        'build the addons with `make dist`',
    )
    refused = true
  }
}
process.exit(refused ? 1 : 0)
