-- Neovim's built-in LSP client driving `vaultnet lsp` (tests/lsp_nvim.rs).
-- Written for Neovim 0.7 (Debian bookworm's): vim.lsp.start_client,
-- vim.lsp.buf_attach_client and vim.lsp.buf_request_sync all exist there
-- and in every later release.
--
-- Environment: VAULTNET_BIN (the binary), VAULTNET_VAULT (vault root),
-- VAULTNET_NOTE (the note to open, relative to the root), VAULTNET_OUT
-- (where the JSON result goes). Exits 0 with the result written, or 1
-- with {"error": …} written.

local bin = os.getenv('VAULTNET_BIN')
local root = os.getenv('VAULTNET_VAULT')
local note = os.getenv('VAULTNET_NOTE')
local out = os.getenv('VAULTNET_OUT')

local function write(value)
  local file = assert(io.open(out, 'w'))
  file:write(vim.fn.json_encode(value))
  file:close()
end

local function first_result(responses, client_id)
  assert(responses, 'no response (timed out)')
  local response = responses[client_id]
  assert(response, 'no response from vaultnet')
  assert(not response.err, vim.inspect(response.err))
  return response.result
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. note))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local published = nil
  local client_id = vim.lsp.start_client({
    name = 'vaultnet',
    cmd = { bin, 'lsp' },
    root_dir = root,
    init_options = { today = '2026-03-01' },
    flags = { debounce_text_changes = 0 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, params, ctx, config)
        if params.uri == uri then
          published = params.diagnostics
        end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](e, params, ctx, config)
      end,
    },
  })
  assert(client_id, 'vaultnet lsp did not start')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'cannot attach')
  assert(vim.wait(30000, function() return published ~= nil end, 20), 'no diagnostics within 30 s')

  local result = { diagnostics = {} }
  for _, d in ipairs(published) do
    table.insert(result.diagnostics, {
      line = d.range.start.line,
      code = d.code,
      severity = d.severity,
      source = d.source,
      message = d.message,
    })
  end

  -- Hover on the note's title (`# Priya Raman`, line 8).
  local hover = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = 7, character = 4 },
  }, 10000), client_id)
  result.hover = hover and hover.contents.value or vim.NIL

  -- Type a new log entry naming someone, then ask for completions.
  local count = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, count, count, false, { '- 2026-03-01: ran with [[Tom' })
  local completion = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = count, character = 28 },
  }, 10000), client_id)
  local items = completion and (completion.items or completion) or {}
  result.completion = {}
  for _, item in ipairs(items) do
    table.insert(result.completion, { label = item.label, newText = item.textEdit and item.textEdit.newText })
  end

  write(result)
end)

if ok then
  vim.cmd('qa!')
else
  write({ error = tostring(err) })
  vim.cmd('cquit 1')
end
