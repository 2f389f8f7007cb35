// Single fetch (v3_singleFetch) serializes loader and action data with turbo-stream and unwraps data():
// this tells the types so, as React Router 7 will (ADR 028).
import '@remix-run/node';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}
