import { buildWebApp } from "./server";

/** Builds the web app once for every file of browser stories (each starts its own server on it). */
export default function setup(): void {
  buildWebApp();
}
