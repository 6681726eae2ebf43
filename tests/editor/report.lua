-- Run by tests/editor.rs in headless Neovim: waits for mtlint's diagnostics on the current
-- buffer and writes them, one `code line` per line, to $MTLINT_REPORT; then quits.
local found = vim.wait(30000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  table.insert(lines, string.format("%s %d", code, d.lnum + 1))
end
if not found then
  lines = { "no diagnostics within 30 s" }
end
vim.fn.writefile(lines, os.getenv("MTLINT_REPORT"))
vim.cmd("qa!")
