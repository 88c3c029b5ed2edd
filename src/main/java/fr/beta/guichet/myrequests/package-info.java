/** "Mes demandes": the requester's own requests, their status and timeline, and cancellation while unclaimed, and the answer to an admin's question. */
package fr.beta.guichet.myrequests;
