"""The queue and a ticket page send a fixed number of SQL statements, however many tickets,
messages and attachments there are: an N+1 query cannot creep back in unnoticed."""

from helpdesk.tickets import service
from tests.factories import make_ticket, make_user, upload


def _queue_statements(client, statements, path: str = "/agent/tickets") -> int:
    statements.clear()
    assert client.get(path).status_code == 200
    return len(statements)


def test_the_queue_costs_the_same_for_two_tickets_and_twenty(app, login, statements):
    client, agent = login("agent")
    for _ in range(2):
        service.assign(ticket=make_ticket(), actor=agent, assignee_id=agent.id)
    few = _queue_statements(client, statements)

    for n in range(18):
        ticket = make_ticket(customer=make_user("customer"))  # each with its own customer
        if n % 2:
            service.assign(ticket=ticket, actor=agent, assignee_id=make_user("agent").id)
    many = _queue_statements(client, statements)

    assert many == few
    assert many <= 10


def _ticket_statements(client, statements, number: int) -> int:
    statements.clear()
    assert client.get(f"/tickets/{number}").status_code == 200
    return len(statements)


def test_a_ticket_page_costs_the_same_for_two_messages_and_twenty(app, login, statements):
    client, agent = login("agent")
    customer = make_user("customer")
    short = make_ticket(customer=customer)
    service.reply(ticket=short, author=agent, body="Looking into it.", kind="reply")
    long = make_ticket(customer=customer, uploads=[upload()])
    for n in range(9):
        service.reply(ticket=long, author=customer, body=f"Any news? ({n})", uploads=[upload()])
        service.reply(ticket=long, author=make_user("agent"), body=f"Soon ({n}).", kind="reply")

    assert _ticket_statements(client, statements, short.number) == _ticket_statements(
        client, statements, long.number
    )
    assert _ticket_statements(client, statements, long.number) <= 25


def test_a_customers_ticket_list_costs_the_same_for_one_ticket_and_twelve(app, login, statements):
    client, customer = login("customer")
    make_ticket(customer=customer)
    few = _queue_statements(client, statements, "/my/tickets")

    for _ in range(11):
        make_ticket(customer=customer)
    many = _queue_statements(client, statements, "/my/tickets")

    assert many == few
