-- mtlint's language server in Neovim (0.7 and later): put this file in your configuration
-- (e.g. ~/.config/nvim/plugin/mtlint.lua) with `mtlint` on your PATH. The server finds each
-- file's mtlint.toml from the file's folder upwards, as `mtlint check` does.
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "text", "html", "po", "xml", "srt", "vtt" },
  callback = function(args)
    local config = { name = "mtlint", cmd = { "mtlint", "server" }, root_dir = vim.fn.getcwd() }
    if vim.lsp.start then
      vim.lsp.start(config)
    else -- Neovim 0.7 (Debian 12)
      vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(config))
    end
  end,
})
