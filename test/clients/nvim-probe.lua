-- Headless Neovim LSP probe (Neovim >= 0.7.2, the Debian 12 package), used by test/clients/neovim.test.js.
--
-- Starts a language server over stdio with Neovim's built-in client, opens one file, records every
-- textDocument/publishDiagnostics for it, optionally sends extra requests, and writes one JSON object.
-- Run:  nvim --headless -u NONE -i NONE -n -c 'luafile test/clients/nvim-probe.lua'
--
-- Environment:
--   PROBE_CMD         JSON array: the server command, e.g. ["node","bin/cfn-resilience-lsp.js","--stdio"]  (required)
--   PROBE_FILE        the file to open (required)
--   PROBE_OUT         where to write the JSON result (default: stdout)
--   PROBE_FILETYPE    filetype / languageId sent in didOpen (default: yaml)
--   PROBE_ROOT        root_dir / workspace folder (default: the file's folder)
--   PROBE_SETTINGS    JSON object answered to workspace/configuration (by section), default {}
--   PROBE_INIT_OPTS   JSON object sent as initializationOptions, default {}
--   PROBE_WAIT        "diagnostics" (default): wait for a non-empty publish; "publish": wait for any publish
--                     (use for files that must stay clean)
--   PROBE_TIMEOUT_MS  budget for initialize and for the wait above (default 15000)
--   PROBE_SETTLE_MS   after the wait, keep listening this long for later publishes (default 300)
--   PROBE_REQUESTS    JSON array of {"method": ..., "params": {...}} sent after the wait, in order; the string
--                     "$URI" anywhere in params is replaced by the file's URI. Results land in "responses".
--
-- Output: { client, initialized, server_info, capabilities, publishes: [{at_ms, version, diagnostics}],
--           diagnostics (the last publish), responses, messages (showMessage), server_exit, timings, error }
-- Exit status: 0 when the probe ran (whatever the server answered), 2 when the probe itself failed.

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local uv = vim.loop
local started = uv.hrtime()
local function now_ms() return math.floor((uv.hrtime() - started) / 1e6) end

local result = { publishes = {}, responses = {}, messages = {}, timings = {} }

local function emit(status)
  result.timings.total_ms = now_ms()
  local ok, text = pcall(vim.json.encode, result)
  if not ok then text = vim.json.encode({ error = 'could not encode the result: ' .. tostring(text) }) end
  local out = env('PROBE_OUT', nil)
  if out then
    local f = assert(io.open(out, 'w'))
    f:write(text, '\n')
    f:close()
  else
    io.stdout:write(text, '\n')
  end
  vim.cmd(status == 0 and 'qall!' or ('cquit! ' .. status))
end

local function substitute(value, uri)
  if type(value) == 'string' then return (value:gsub('%$URI', uri)) end
  if type(value) == 'table' then
    local copy = {}
    for k, v in pairs(value) do copy[k] = substitute(v, uri) end
    return copy
  end
  return value
end

local ok, err = pcall(function()
  local cmd = vim.json.decode((assert(env('PROBE_CMD', nil), 'PROBE_CMD is not set')))
  local file = vim.fn.fnamemodify((assert(env('PROBE_FILE', nil), 'PROBE_FILE is not set')), ':p')
  local filetype = env('PROBE_FILETYPE', 'yaml')
  local root = vim.fn.fnamemodify(env('PROBE_ROOT', vim.fn.fnamemodify(file, ':h')), ':p')
  local settings = vim.json.decode(env('PROBE_SETTINGS', '{}'))
  local init_opts = vim.json.decode(env('PROBE_INIT_OPTS', '{}'))
  local wait_for = env('PROBE_WAIT', 'diagnostics')
  local timeout = tonumber(env('PROBE_TIMEOUT_MS', '15000'))
  local settle = tonumber(env('PROBE_SETTLE_MS', '300'))
  local requests = vim.json.decode(env('PROBE_REQUESTS', '[]'))
  local uri = vim.uri_from_fname(file)

  result.client = 'nvim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.'
    .. tostring(vim.version().patch)
  result.uri = uri

  local client_id = vim.lsp.start_client({
    name = 'cfn-resilience-probe',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'probe' } },
    settings = settings,
    init_options = init_opts,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, params)
        if params and params.uri == uri then
          table.insert(result.publishes, { at_ms = now_ms(), version = params.version, diagnostics = params.diagnostics })
        end
      end,
      ['window/showMessage'] = function(_, params) table.insert(result.messages, params) end,
      ['window/logMessage'] = function() end,
    },
    on_exit = function(code, signal) result.server_exit = { code = code, signal = signal, at_ms = now_ms() } end,
  })
  assert(client_id, 'vim.lsp.start_client failed (is the server command runnable?)')
  local client = vim.lsp.get_client_by_id(client_id)

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = filetype
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.initialized = vim.wait(timeout, function() return client.initialized or result.server_exit ~= nil end, 10)
    and client.initialized == true
  result.timings.initialized_ms = now_ms()
  if not result.initialized then error('the server did not finish initialize within ' .. timeout .. ' ms') end
  result.server_info = client.server_info or vim.NIL
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  result.capabilities = caps

  local function done()
    if result.server_exit then return true end
    local last = result.publishes[#result.publishes]
    if not last then return false end
    return wait_for == 'publish' or #last.diagnostics > 0
  end
  result.waited = vim.wait(timeout, done, 10)
  vim.wait(settle, function() return result.server_exit ~= nil end, 10)
  local last = result.publishes[#result.publishes]
  result.diagnostics = last and last.diagnostics or {}
  result.timings.first_publish_ms = result.publishes[1] and result.publishes[1].at_ms or vim.NIL

  for _, req in ipairs(requests) do
    local t = now_ms()
    local response, rerr = client.request_sync(req.method, substitute(req.params or {}, uri), timeout, bufnr)
    table.insert(result.responses, {
      method = req.method,
      ms = now_ms() - t,
      result = response and response.result or vim.NIL,
      error = (response and response.err) or rerr or vim.NIL,
    })
  end

  client.stop()
  vim.wait(3000, function() return client.is_stopped() end, 10)
end)

if not ok then
  result.error = tostring(err)
  emit(2)
else
  emit(0)
end
