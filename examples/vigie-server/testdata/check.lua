-- wrk script: POSTs a mix of realistic inputs to /v1/check, one after the
-- other, each thread on its own.
--
--   wrk -t2 -c50 -d20s --latency -s testdata/check.lua http://127.0.0.1:8080/v1/check
--
-- The mix, eight bodies in turn: an official login URL, the lookalike
-- printed in an insurer's letter, credentials before another host, a
-- homoglyph host, a From value borrowing a display name, a phishing SMS,
-- an official SMS and a small phishing message.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local bodies = {
  [[{"kind":"url","input":"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_somtc=true"}]],
  [[{"input":"https://salarie.interimairesante.fr/connexion.html"}]],
  [[{"input":"https://assure.ameli.fr@evil.example/"}]],
  [[{"kind":"host","input":"xn--amel-o9d.fr"}]],
  [[{"kind":"email","input":"\"Assurance Maladie\" <service.ameli@gmail.com>"}]],
  [[{"kind":"sms","sender":"AMELI","text":"Votre carte Vitale expire, renouvelez sur ameli-carte-vitale.com"}]],
  [[{"kind":"sms","sender":"AMELI","text":"Votre attestation est disponible sur https://www.ameli.fr/assure"}]],
  [[{"kind":"message","input":"From: \"Assurance Maladie\" <remboursement@ameli-remboursement.com>\r\nTo: camille.martin@vigie.example\r\nSubject: Votre remboursement est en attente\r\nDate: Tue, 11 Mar 2025 09:14:02 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nBonjour,\r\nUn remboursement de 48,70 EUR vous attend. Connectez-vous sur\r\nhttps://ameli-remboursement.com/assure/connexion pour le recevoir.\r\nL'Assurance Maladie\r\n"}]],
}

local requests = {}
local n = 0

function init(args)
  for i, body in ipairs(bodies) do
    requests[i] = wrk.format(nil, nil, nil, body)
  end
end

function request()
  n = n % #requests + 1
  return requests[n]
end
