/** schema.org Event for each upcoming session, so search engines can list them. */
export function eventsJsonLd(
  org: { name: string },
  workshops: {
    title: string;
    summary: string;
    url: string;
    sessions: { startsAt: string; endsAt: string; seatsLeft?: number; location: string }[];
  }[],
) {
  return workshops.flatMap((w) =>
    w.sessions.map((s) => ({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: w.title,
      description: w.summary,
      startDate: s.startsAt,
      endDate: s.endsAt,
      url: w.url,
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: s.location, address: s.location },
      organizer: { '@type': 'Organization', name: org.name },
      offers: {
        '@type': 'Offer',
        url: w.url,
        price: 0,
        priceCurrency: 'USD',
        availability: s.seatsLeft ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
      },
    })),
  );
}

/** JSON inside a <script>: "<" is escaped so no text can close the tag. */
export function JsonLd({ data }: { data: unknown }) {
  return (
    <script
      type="application/ld+json"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON with every "<" escaped cannot close the script element
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }}
    />
  );
}
