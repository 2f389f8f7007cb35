import { execFileSync } from 'node:child_process';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';

/** What three independent parsers must agree on for every file we write. */
export interface ParsedEvent {
  method: string | null;
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string | null;
  organizer: { cn: string | null; address: string } | null;
  attendee: { cn: string | null; address: string } | null;
}

const person = (cn: unknown, address: unknown) =>
  address ? { cn: cn === undefined || cn === null ? null : String(cn), address: String(address).toLowerCase() } : null;

export function parseWithIcalJs(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((event) => {
    const organizer = event.getFirstProperty('organizer');
    const attendee = event.getFirstProperty('attendee');
    return {
      method: (calendar.getFirstPropertyValue('method') as string | null) ?? null,
      uid: String(event.getFirstPropertyValue('uid')),
      sequence: Number(event.getFirstPropertyValue('sequence')),
      status: (event.getFirstPropertyValue('status') as string | null) ?? null,
      summary: String(event.getFirstPropertyValue('summary')),
      description: (event.getFirstPropertyValue('description') as string | null) ?? null,
      organizer: organizer ? person(organizer.getParameter('cn'), organizer.getFirstValue()) : null,
      attendee: attendee ? person(attendee.getParameter('cn'), attendee.getFirstValue()) : null,
    };
  });
}

type NodeIcalPerson = { params?: { CN?: string }; val: string } | string | undefined;
const nodeIcalPerson = (value: NodeIcalPerson) =>
  value === undefined ? null : typeof value === 'string' ? person(null, value) : person(value.params?.CN, value.val);

export function parseWithNodeIcal(text: string): ParsedEvent[] {
  const parsed = nodeIcal.sync.parseICS(text);
  const calendar = Object.values(parsed).find((c) => c?.type === 'VCALENDAR') as { method?: string } | undefined;
  return Object.values(parsed)
    .filter((c) => c?.type === 'VEVENT')
    .map((c) => {
      const event = c as unknown as Record<string, unknown>;
      return {
        method: calendar?.method ?? null,
        uid: String(event.uid),
        sequence: Number(event.sequence),
        status: (event.status as string | undefined) ?? null,
        summary: String(event.summary),
        description: (event.description as string | undefined) ?? null,
        organizer: nodeIcalPerson(event.organizer as NodeIcalPerson),
        attendee: nodeIcalPerson(event.attendee as NodeIcalPerson),
      };
    });
}

const PYTHON_PARSER = `
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
def person(p):
    if p is None: return None
    return {"cn": p.params.get("CN"), "address": str(p).lower()}
out = []
for e in cal.walk("VEVENT"):
    out.append({
        "method": str(cal["METHOD"]) if "METHOD" in cal else None,
        "uid": str(e["UID"]), "sequence": int(e["SEQUENCE"]),
        "status": str(e["STATUS"]) if "STATUS" in e else None,
        "summary": str(e["SUMMARY"]),
        "description": str(e["DESCRIPTION"]) if "DESCRIPTION" in e else None,
        "organizer": person(e.get("ORGANIZER")), "attendee": person(e.get("ATTENDEE")),
    })
print(json.dumps(out))
`;

/** Debian's python3-icalendar, when installed: undefined otherwise (the caller records the skip). */
export function pythonIcalendarAvailable(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import icalendar'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function parseWithPython(text: string): ParsedEvent[] {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', PYTHON_PARSER], { input: text }).toString('utf8'));
}

/** Physical lines: each at most 75 octets, ending in CRLF, never a UTF-8 character cut in two. */
export function physicalLineProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('does not end with CRLF');
  const bytes = Buffer.from(text, 'utf8');
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) problems.push(`lone CR at octet ${i}`);
    if (bytes[i] === 0x0a && bytes[i - 1] !== 0x0d) problems.push(`lone LF at octet ${i}`);
    if (bytes[i] === 0x0a) {
      const line = bytes.subarray(start, i - 1);
      if (line.length > 75) problems.push(`${line.length}-octet line: ${line.toString('utf8').slice(0, 30)}…`);
      if (line.toString('utf8').includes('\ufffd'))
        problems.push(`a character cut at a fold: ${line.toString('utf8')}`);
      start = i + 1;
    }
  }
  return problems;
}
