--[[
vigie for rspamd: sends each message to vigie-server and adds a symbol for
its verdict.

  VIGIE_LOOKALIKE   the sender or a link imitates an official French
                    health-insurance domain (homoglyphs, typos,
                    combo-squatting, a lookalike listed in the registry)
  VIGIE_SUSPICIOUS  a sign of phishing: a display name borrowing an
                    organisation's name, a link through a shortener from a
                    text naming one, DMARC failing for an official From...
  VIGIE_INVALID     the message could not be read whole (broken MIME, too
                    large, no From)
  VIGIE_OFFICIAL    From an official domain, DMARC passing (rspamd's own
                    verdict), every link official
  VIGIE_FAIL        vigie could not be asked (down, timed out, an error):
                    the message goes on unchecked (fail-open)

A message larger than max_size is cut there and its beginning checked, with
the option "truncated": an imitation found there still counts, but what
was not read whole is never official (VIGIE_INVALID instead), so padding a
message can never make its verdict better.

The options of each symbol are the reason codes (see vigie's README), then
"org=" the organisation concerned and "target=" its official domain.

DMARC: vigie calls a message official only when a server it trusts reports
DMARC passing for the From domain. The plugin runs after rspamd's DMARC
check and hands vigie rspamd's own verdict as the topmost
Authentication-Results header, under authserv_id, which vigie-server must
trust (vigie-server -authserv-id ID). That header is always added,
"dmarc=none" for the From domain when rspamd has no DMARC verdict (a bare
"none" without a usable From domain), so that an Authentication-Results
forged by the sender under the same ID can never prove the sender: vigie
lets a non-pass or a "none" of the block win over any pass.

Install: copy this file to /etc/rspamd/plugins.d/vigie.lua and enable it
in /etc/rspamd/rspamd.conf.local (see examples/rspamd/README.md):

  vigie {
    url = "http://127.0.0.1:8080/v1/check";
    authserv_id = "rspamd.vigie";  # as given to vigie-server -authserv-id
  }
]]

local N = 'vigie'

local rspamd_http = require "rspamd_http"
local rspamd_logger = require "rspamd_logger"
local rspamd_util = require "rspamd_util"
local lua_util = require "lua_util"
local ucl = require "ucl"

local settings = {
  url = 'http://127.0.0.1:8080/v1/check',
  timeout = 5.0,
  -- The ID under which rspamd's DMARC verdict is handed to vigie; it must
  -- be one of vigie-server's -authserv-id values.
  authserv_id = 'rspamd.vigie',
  -- Whether to send the SMTP recipients (see README: rspamd drops those
  -- its parser refuses).
  send_recipients = true,
  -- Larger messages are cut to this size (see "truncated" above);
  -- vigie-server must accept bodies of 4/3 of this plus a little
  -- (-max-body).
  max_size = 10 * 1024 * 1024,
  max_options = 8,
  symbols = {
    lookalike = 'VIGIE_LOOKALIKE',
    suspicious = 'VIGIE_SUSPICIOUS',
    invalid = 'VIGIE_INVALID',
    official = 'VIGIE_OFFICIAL',
    fail = 'VIGIE_FAIL',
  },
  scores = {
    lookalike = 10.0,
    suspicious = 5.0,
    invalid = 1.0,
    official = -2.0,
    fail = 0.0,
  },
}

local opts = rspamd_config:get_all_opt(N)
if not opts then
  rspamd_logger.infox(rspamd_config, 'module %s is not configured (no "vigie" section), disabled', N)
  return
end
settings = lua_util.override_defaults(settings, opts)

-- rspamd's DMARC verdict for the From domain as an Authentication-Results
-- header under authserv_id: pass, fail, or none when it has none.
local function authentication_results(task)
  local result = 'none'
  local from = task:get_from('mime')
  local domain = from and from[1] and from[1].domain
  if domain then
    domain = domain:lower()
    -- Only a plain domain name goes into the header.
    if not domain:match('^[a-z0-9][a-z0-9.-]*$') then
      domain = nil
    end
  end
  if domain then
    if task:has_symbol('DMARC_POLICY_ALLOW') then
      result = string.format('dmarc=pass header.from=%s', domain)
    elseif task:has_symbol('DMARC_POLICY_REJECT') or task:has_symbol('DMARC_POLICY_QUARANTINE')
        or task:has_symbol('DMARC_POLICY_SOFTFAIL') then
      result = string.format('dmarc=fail header.from=%s', domain)
    else
      -- No verdict (no DMARC record, a temporary error): say so for the
      -- domain, so that no pass written further down can stand for it.
      result = string.format('dmarc=none header.from=%s', domain)
    end
  end
  return string.format('Authentication-Results: %s; %s\r\n', settings.authserv_id, result)
end

local function options_of(answer)
  local options, seen = {}, {}
  for _, r in ipairs(answer.reasons or {}) do
    if type(r) == 'table' and r.code and not seen[r.code] and #options < settings.max_options then
      seen[r.code] = true
      table.insert(options, r.code)
    end
  end
  if answer.organization and answer.organization ~= '' then
    table.insert(options, 'org=' .. answer.organization)
  end
  if answer.target and answer.target ~= '' then
    table.insert(options, 'target=' .. answer.target)
  end
  return options
end

local function vigie_check(task)
  local content = task:get_content()
  if not content then
    return
  end
  content = tostring(content)
  local truncated = #content > settings.max_size
  if truncated then
    content = content:sub(1, settings.max_size)
  end
  local message = authentication_results(task) .. content
  local request = {
    kind = 'message',
    input_base64 = tostring(rspamd_util.encode_base64(message)),
  }
  -- The envelope recipients: a proven message delivered to one of them
  -- alone may write that address and stay official.
  -- (An empty list is left out: UCL would write it as an object.)
  local recipients = {}
  local smtp_recipients = {}
  if settings.send_recipients then
    smtp_recipients = task:get_recipients('smtp') or {}
  end
  for _, r in ipairs(smtp_recipients) do
    if r.addr and r.addr ~= '' then
      table.insert(recipients, r.addr)
    end
  end
  if #recipients > 0 then
    request.recipients = recipients
  end
  local body = ucl.to_format(request, 'json-compact')

  local function callback(err, code, answer_body)
    if err then
      rspamd_logger.warnx(task, 'vigie: %s: %s; the message goes on unchecked', settings.url, err)
      task:insert_result(settings.symbols.fail, 1.0, tostring(err))
      return
    end
    if code ~= 200 then
      rspamd_logger.warnx(task, 'vigie: %s answered %s: %s', settings.url, code, answer_body)
      task:insert_result(settings.symbols.fail, 1.0, 'HTTP ' .. tostring(code))
      return
    end
    local parser = ucl.parser()
    local ok, perr = parser:parse_string(tostring(answer_body))
    if not ok then
      rspamd_logger.warnx(task, 'vigie: unreadable answer: %s', perr)
      task:insert_result(settings.symbols.fail, 1.0, 'unreadable answer')
      return
    end
    local answer = parser:get_object()
    local verdict = answer.verdict or ''
    local options = options_of(answer)
    if truncated then
      -- The beginning of a message is not the message: only what is
      -- worse than not knowing stands.
      if verdict ~= 'lookalike' and verdict ~= 'suspicious' then
        verdict = 'invalid'
      end
      table.insert(options, 1, 'truncated')
    end
    local symbol = settings.symbols[verdict]
    if symbol then
      task:insert_result(symbol, 1.0, options)
    end
  end

  rspamd_http.request({
    task = task,
    url = settings.url,
    method = 'post',
    body = body,
    mime_type = 'application/json',
    timeout = settings.timeout,
    callback = callback,
  })
end

local id = rspamd_config:register_symbol({
  name = 'VIGIE_CHECK',
  type = 'callback',
  callback = vigie_check,
})

local descriptions = {
  lookalike = 'vigie: imitates an official health-insurance domain',
  suspicious = 'vigie: sign of health-insurance phishing',
  invalid = 'vigie: message could not be read whole',
  official = 'vigie: official sender (DMARC pass) and official links',
  fail = 'vigie: not checked (vigie unavailable)',
}
for verdict, symbol in pairs(settings.symbols) do
  rspamd_config:register_symbol({
    name = symbol,
    parent = id,
    type = 'virtual',
    score = settings.scores[verdict],
    group = 'vigie',
    description = descriptions[verdict],
  })
end

-- rspamd's DMARC verdict is handed to vigie: check after it.
rspamd_config:register_dependency('VIGIE_CHECK', 'DMARC_CHECK')
