import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createApolloClient } from "./apollo";
import { createSessionStore } from "./features/auth/session";
import "./styles.css";
import "./deals.css";

const session = createSessionStore();
const client = createApolloClient({ session });

const container = document.getElementById("root");
if (!container) throw new Error('index.html has no element with id "root"');

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App session={session} />
    </ApolloProvider>
  </StrictMode>,
);
