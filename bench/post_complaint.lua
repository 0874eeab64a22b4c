-- wrk script: POST a new complaint (durable) with a bearer token.
-- Usage: wrk -s bench/post_complaint.lua URL -- TOKEN
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"channel": "phone", "category": "repairs", ' ..
	'"description": "The kitchen tap has leaked for three weeks", ' ..
	'"complainant": {"name": "Bench Resident", "email": "bench@example.org"}}'

function init(args)
	wrk.headers["Authorization"] = "Bearer " .. args[1]
end

local errors = 0
function response(status, headers, body)
	if status ~= 201 then
		errors = errors + 1
		if errors < 3 then print("status " .. status .. ": " .. body) end
	end
end
